// Callouts every notebook uses: a common misconception refuted by a number the page computed,
// a "predict, then run" question that reveals the computed answer only after the reader commits,
// and a notice shown in place of a chart when input is bad.

type Content = string | Node;

function element(tag: string, className: string, content?: Content): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (content !== undefined) node.append(content);
  return node;
}

export function misconception(options: {claim: Content; truth: Content; evidence: Content; source: Content}): HTMLElement {
  const root = element("aside", "lab-callout lab-misconception");
  root.append(
    element("header", "", "Common misconception"),
    element("div", "lab-claim", options.claim),
    element("div", "lab-truth", options.truth),
    element("div", "lab-evidence", options.evidence),
    element("div", "lab-source", options.source)
  );
  return root;
}

/**
 * The reader picks an answer first; only then can they reveal the page's computed answer.
 * `answer` is the index of the correct choice, computed by the page (not typed in).
 */
export function predict(options: {question: Content; choices: string[]; answer: number; reveal: Content | (() => Content)}): HTMLElement {
  const {question, choices, answer} = options;
  const root = element("aside", "lab-callout lab-predict");
  const choiceRow = element("div", "lab-choices");
  const revealButton = document.createElement("button");
  revealButton.type = "button";
  revealButton.textContent = "Run and reveal";
  revealButton.disabled = true;
  revealButton.className = "lab-reveal-button";
  const result = element("div", "lab-reveal");
  let picked = -1;
  const buttons = choices.map((text, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => {
      if (result.childNodes.length) return; // answer locked once revealed
      picked = index;
      buttons.forEach((b, i) => b.setAttribute("aria-pressed", String(i === index)));
      revealButton.disabled = false;
    });
    return button;
  });
  choiceRow.append(...buttons);
  revealButton.addEventListener("click", () => {
    if (picked < 0) return;
    buttons[answer]?.classList.add("lab-correct");
    if (picked !== answer) buttons[picked].classList.add("lab-wrong");
    const verdict = element("strong", "", picked === answer ? "Right. " : `Not quite: the answer is “${choices[answer]}”. `);
    const reveal = typeof options.reveal === "function" ? options.reveal() : options.reveal;
    result.replaceChildren(verdict, reveal);
    revealButton.disabled = true;
  });
  root.append(element("header", "", "Predict, then run"), element("div", "lab-question", question), choiceRow, revealButton, result);
  return root;
}

export function notice(message: string, kind: "error" | "info" = "error"): HTMLElement {
  const root = element("div", `lab-notice${kind === "info" ? " lab-info" : ""}`, message);
  root.setAttribute("role", kind === "error" ? "alert" : "status");
  return root;
}

/** Renders fn(), or a notice with the error's message if it throws: bad input never blanks a page. */
export function safely<T extends Node>(render: () => T): T | HTMLElement {
  try {
    return render();
  } catch (error) {
    return notice(error instanceof Error ? error.message : String(error));
  }
}

// The page's conversation editor format: a line "role: text" (role in lower case) starts a turn; other
// lines continue the previous turn's text. Parses to messages and checks the roles. Pure, no DOM.
import {InputError} from "../kit/params.js";
import type {Message} from "./templates.js";

const ROLE_LINE = /^([a-z_]+):[ \t]?(.*)$/;
const ROLES = ["system", "user", "assistant"];

/** "user: Hi\nassistant: Hello" → [{role: "user", content: "Hi"}, {role: "assistant", content: "Hello"}]. Errors: InputError. */
export function parseChat(text: string): Message[] {
  const messages: Message[] = [];
  const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((line, i) => {
    const m = ROLE_LINE.exec(line);
    if (m) {
      const role = m[1];
      if (!ROLES.includes(role)) throw new InputError(`Line ${i + 1} starts a turn with the role "${m[1]}"; use system, user or assistant.`);
      messages.push({role: role as Message["role"], content: m[2]});
    } else if (messages.length > 0) messages[messages.length - 1].content += "\n" + line;
    else if (line.trim() !== "") throw new InputError(`Line ${i + 1} comes before any "role:" line; start with "system:", "user:" or "assistant:".`);
  });
  for (const m of messages) m.content = m.content.replace(/\n+$/, "");
  if (messages.length === 0) throw new InputError("The conversation is empty; write at least one turn, e.g. \"user: Hello\".");
  return messages;
}

export function formatChat(messages: readonly Message[]): string {
  return messages.map((m) => `${m.role}: ${m.content}`).join("\n");
}

#!/usr/bin/env python3
"""Renders every chat template in data/sft/templates/ for the conversations in data/sft/conversations.json
with Python's Jinja2 (Debian python3-jinja2), configured the way transformers' apply_chat_template is
(sandboxed, trim_blocks and lstrip_blocks, loopcontrols, raise_exception), and writes
data/sft/fixtures/jinja2-renders.json. Each conversation is rendered whole, with the generation prompt,
and cut after every turn (the prefix renders the assistant mask is computed from).
Run: /usr/bin/python3 scripts/sft-jinja-fixtures.py
"""
import json
import jinja2
import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment

FAMILIES = {
    "smollm2": {"bos_token": "<|im_start|>", "eos_token": "<|im_end|>"},
    "mistral": {"bos_token": "<s>", "eos_token": "</s>"},
    "qwen3": {"bos_token": "<|endoftext|>", "eos_token": "<|im_end|>"},
}


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[jinja2.ext.loopcontrols])
    env.globals["raise_exception"] = raise_exception
    return env


def render(template, tokens, messages, **kwargs):
    try:
        return {"text": template.render(messages=messages, **tokens, **kwargs)}
    except jinja2.exceptions.TemplateError as error:
        return {"error": str(error)}


def main():
    env = environment()
    conversations = json.load(open("data/sft/conversations.json", encoding="utf-8"))
    out = {"jinja2": jinja2.__version__, "renders": []}
    for family, tokens in FAMILIES.items():
        template = env.from_string(open(f"data/sft/templates/{family}.jinja", encoding="utf-8").read())
        for conversation in conversations:
            messages = conversation["messages"]
            cases = [("full", len(messages), {"add_generation_prompt": False})]
            cases.append(("full+generation prompt", len(messages), {"add_generation_prompt": True}))
            if family == "qwen3":
                cases.append(("full+generation prompt, thinking off", len(messages), {"add_generation_prompt": True, "enable_thinking": False}))
            for cut in range(1, len(messages)):
                cases.append((f"first {cut}", cut, {"add_generation_prompt": False}))
                cases.append((f"first {cut}+generation prompt", cut, {"add_generation_prompt": True}))
            for label, cut, kwargs in cases:
                result = render(template, tokens, messages[:cut], **kwargs)
                out["renders"].append({"family": family, "conversation": conversation["name"], "case": label, "turns": cut, **kwargs, **result})
    with open("data/sft/fixtures/jinja2-renders.json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(out['renders'])} renders with Jinja2 {jinja2.__version__}")


if __name__ == "__main__":
    main()

// Types for Observable Inputs as imported by components (`npm:@observablehq/inputs`, the same module
// instance the pages get as `Inputs`). Only what the kit uses.
declare module "npm:@observablehq/inputs" {
  type Input<T> = HTMLElement & {value: T};
  interface Common {label?: string; disabled?: boolean}
  export function range(extent: [number, number], options?: Common & {step?: number; value?: number; format?: (x: number) => string}): Input<number>;
  export function select<T>(choices: readonly T[], options?: Common & {value?: T; format?: (x: T) => string}): Input<T>;
  export function radio<T>(choices: readonly T[], options?: Common & {value?: T; format?: (x: T) => string}): Input<T>;
  export function toggle(options?: Common & {value?: boolean}): Input<boolean>;
  export function text(options?: Common & {value?: string; placeholder?: string; autocomplete?: string; spellcheck?: boolean; submit?: boolean | string; width?: number | string}): Input<string>;
  export function textarea(options?: Common & {value?: string; placeholder?: string; rows?: number; spellcheck?: boolean; submit?: boolean | string; width?: number | string}): Input<string>;
  export function button(content: string, options?: Common & {reduce?: () => unknown}): Input<unknown>;
}

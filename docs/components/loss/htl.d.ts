// Types for htl's tagged template (the package ships none): every use here builds one element.
declare module "htl" {
  export function html(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
}

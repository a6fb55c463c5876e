// markdown-it ships no types; the tests use only its parser.
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean });
    parse(src: string, env: object): unknown[];
  }
}

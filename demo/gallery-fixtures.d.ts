/** Types of the generated gallery data (demo/gallery-fixtures.js), for the tests that import it. */
export declare const WIDGET_FIXTURES: Array<{
  name: string;
  root: boolean;
  widget: { type: string; [prop: string]: any };
}>;

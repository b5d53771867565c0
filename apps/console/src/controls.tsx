/** Controls the views share. */

/** One option of a {@link Choice}: its value and the words shown. */
export type ChoiceOption = readonly [value: string, text: string];

/** A labelled drop-down (`Range`, `Show`, `Group by` …); `onChange` receives the chosen value. */
export function Choice(props: { label: string; value: string; options: readonly ChoiceOption[]; onChange(value: string): void }) {
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        {props.options.map(([v, t]) => (
          <option value={v}>{t}</option>
        ))}
      </select>
    </label>
  );
}

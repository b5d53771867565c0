/** SVG plots of template volumes: one bar series, and the stacked overview. No chart library. */
import { shortTime } from './format';

/** Colours of stacked series (the last is "other"). */
export const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#dc2626', '#94a3b8'];

/** One template's counts per bucket as bars. */
export function Bars(props: { samples: Array<[number, number]>; width?: number; height?: number; color?: string; label?: string }) {
  const { samples, width = 240, height = 36, color = PALETTE[0] } = props;
  const max = Math.max(1, ...samples.map((s) => s[1]));
  const w = width / Math.max(1, samples.length);
  return (
    <svg class="bars" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label ?? 'records per bucket'}>
      <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} class="axis" />
      {samples.map(([t, n], i) =>
        n > 0 ? (
          <rect x={i * w + 0.5} y={height - (n / max) * (height - 2)} width={Math.max(1, w - 1)} height={(n / max) * (height - 2)} fill={color}>
            <title>{`${shortTime(new Date(t * 1000).toISOString())}: ${n}`}</title>
          </rect>
        ) : null,
      )}
    </svg>
  );
}

/** Stacked bars of several series sharing buckets, with time labels and a legend. */
export function Stacked(props: { series: Array<{ name: string; samples: Array<[number, number]> }>; width?: number; height?: number }) {
  const { series, width = 900, height = 160 } = props;
  const buckets = series[0]?.samples.map((s) => s[0]) ?? [];
  if (buckets.length === 0) return <p class="muted">No records in this range.</p>;
  const totals = buckets.map((_, i) => series.reduce((n, s) => n + (s.samples[i]?.[1] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotH = height - 18;
  const w = width / buckets.length;
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 8));
  return (
    <div class="stacked">
      <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label="records per bucket, stacked by template">
        {buckets.map((t, i) => {
          let y = plotH;
          return (
            <g>
              {series.map((s, k) => {
                const n = s.samples[i]?.[1] ?? 0;
                if (!n) return null;
                const h = (n / max) * (plotH - 4);
                y -= h;
                return (
                  <rect x={i * w + 0.5} y={y} width={Math.max(1, w - 1)} height={h} fill={PALETTE[Math.min(k, PALETTE.length - 1)]}>
                    <title>{`${shortTime(new Date(t * 1000).toISOString())} ${s.name}: ${n}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 ? (
                <text x={i * w + 2} y={height - 4} class="tick">
                  {shortTime(new Date(t * 1000).toISOString()).slice(-8)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1="0" y1={plotH + 0.5} x2={width} y2={plotH + 0.5} class="axis" />
        <text x={width - 4} y="12" class="tick" text-anchor="end">{`max ${max}/bucket`}</text>
      </svg>
      <ul class="legend">
        {series.map((s, k) => (
          <li>
            <span class="swatch" style={{ background: PALETTE[Math.min(k, PALETTE.length - 1)] }} />
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

/// <reference lib="dom" />
// A uPlot plugin that marks where each stage starts: a dashed line between stages (at
// start - 0.5, between the last step of one and the first of the next), a light band on every
// other stage, and the stage's name at the top of its band.
import type uPlot from 'uplot';
import type { StageMark } from '../page-data.js';

const LINE = '#9aa1ab';
const BAND = 'rgba(120, 130, 150, 0.07)';
const LABEL = '#5b6472';
const LABEL_BACKGROUND = 'rgba(255, 255, 255, 0.85)';

/** One mark per distinct (start, name): runs laid out the same share their boundaries. */
function distinct(marks: StageMark[]): StageMark[] {
  const seen = new Map<string, StageMark>();
  for (const m of marks) seen.set(`${m.start}\u0000${m.name}`, m);
  return [...seen.values()].sort((a, b) => a.start - b.start);
}

export function stageBands(marks: StageMark[]): uPlot.Plugin {
  const stages = distinct(marks);
  const edge = (u: uPlot, start: number) => u.valToPos(start === 0 ? (u.scales.x.min ?? 0) : start - 0.5, 'x', true);
  return {
    hooks: {
      drawClear: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.fillStyle = BAND;
        stages.forEach((stage, i) => {
          if (i % 2 === 0) return;
          const left = Math.max(edge(u, stage.start), bbox.left);
          const next = stages[i + 1];
          const right = Math.min(next ? edge(u, next.start) : bbox.left + bbox.width, bbox.left + bbox.width);
          if (right > left) ctx.fillRect(left, bbox.top, right - left, bbox.height);
        });
        ctx.restore();
      },
      draw: (u) => {
        const { ctx, bbox } = u;
        const dpr = devicePixelRatio || 1;
        ctx.save();
        ctx.beginPath();
        ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
        ctx.clip();
        ctx.font = `${11 * dpr}px system-ui, sans-serif`;
        ctx.textBaseline = 'top';
        ctx.textAlign = 'left'; // uPlot leaves it centred after drawing the axes
        stages.forEach((stage, i) => {
          const x = edge(u, stage.start);
          if (stage.start > 0) {
            ctx.strokeStyle = LINE;
            ctx.lineWidth = dpr;
            ctx.setLineDash([4 * dpr, 4 * dpr]);
            ctx.beginPath();
            ctx.moveTo(Math.round(x) + 0.5, bbox.top);
            ctx.lineTo(Math.round(x) + 0.5, bbox.top + bbox.height);
            ctx.stroke();
          }
          const next = stages[i + 1];
          const room = (next ? edge(u, next.start) : bbox.left + bbox.width) - Math.max(x, bbox.left);
          const textWidth = ctx.measureText(stage.name).width;
          if (room > textWidth + 10 * dpr) {
            const left = Math.max(x, bbox.left) + 5 * dpr,
              top = bbox.top + 4 * dpr;
            ctx.fillStyle = LABEL_BACKGROUND; // keeps the name readable where a curve passes under it
            ctx.fillRect(left - 2 * dpr, top - 1 * dpr, textWidth + 4 * dpr, 14 * dpr);
            ctx.fillStyle = LABEL;
            ctx.fillText(stage.name, left, top);
          }
        });
        ctx.restore();
      },
    },
  };
}

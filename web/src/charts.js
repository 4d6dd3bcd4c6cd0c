// ECharts, only the parts the pages use. Series differ by shape (bars, lines, markers) and by
// decal pattern as well as by colour, and every chart has a text table beside it on its page.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, AriaComponent, DataZoomComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { h } from './dom.js';

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent,
  DataZoomComponent, VisualMapComponent, SVGRenderer]);

const live = new Set();
window.addEventListener('resize', () => live.forEach((c) => c.resize()));

/// A chart in a new element; `option` is an ECharts option. `label` describes it for screen readers.
export function chart(option, { height = 280, label = '' } = {}) {
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': label, style: `height:${height}px` });
  requestAnimationFrame(() => {
    const c = echarts.init(el, null, { renderer: 'svg' });
    c.setOption({
      animation: false,
      aria: { enabled: true, decal: { show: true } },
      textStyle: { fontFamily: 'system-ui, sans-serif' },
      grid: { left: 56, right: 56, top: 36, bottom: 56, containLabel: false },
      tooltip: { trigger: 'axis' },
      ...option,
    });
    live.add(c);
    if (option.onClick) c.on('click', option.onClick);
  });
  return el;
}

export function disposeCharts() {
  live.forEach((c) => c.dispose());
  live.clear();
}

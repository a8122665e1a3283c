import { definePlugin } from '@sous/core';
import { threshold } from './nodes/threshold.js';

export default definePlugin({
  namespace: '__namespace__',
  nodes: [threshold],
});

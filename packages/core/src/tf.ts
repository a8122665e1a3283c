// The one TensorFlow.js import of the runtime. The union package registers every op and gradient
// (tfjs-core alone does not, in Node ESM); backends.ts selects and initialises the backend.
import * as tf from '@tensorflow/tfjs';

export type Tf = typeof tf;
export { tf };

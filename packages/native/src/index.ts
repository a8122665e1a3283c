// @sous/native: the OpenBLAS addon and the wasm-backend kernels it provides. @sous/runtime loads it
// when it is installed (an optional dependency) for the "native" backend.
export { loadNativeAddon, missingAddonFunctions, type NativeAddon } from './addon.js';
export { installNativeKernels, removeNativeKernels } from './kernels.js';

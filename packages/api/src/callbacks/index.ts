export { Callback, CallbackList, isCallbackLike, type CallbackHooks, type CallbackModel, type CallbackParams, type Logs } from './callback.js';
export { History } from './history.js';

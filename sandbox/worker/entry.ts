// Web Worker entry: hosts one sandbox and exposes it to the page through Comlink.
import * as Comlink from 'comlink';
import { createWorkerApi } from './worker-api.ts';

Comlink.expose(createWorkerApi());

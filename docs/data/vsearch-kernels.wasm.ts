// The vector-search WebAssembly kernels (labs/vector-search/kernels.wat), compiled at build time.
import {kernelBytes} from "../../labs/vector-search/kernels-node.js";

process.stdout.write(await kernelBytes());

// What the tests load, bundled by esbuild (see bundle.ts): the package itself and the local AWS
// stand-ins, with the AWS SDK inside the bundle.
export * from '../src/index.js';
export * from './local-aws.js';

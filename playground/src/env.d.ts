/// <reference types="vite/client" />
declare module "virtual:dc-type-files" {
  const files: Record<string, string>;
  export default files;
}
declare module "virtual:iife/*" {
  const source: string;
  export default source;
}

// The peer is installed under bench/peer only (not a project dependency), so it is typed loosely here.
declare module 'chatkit-node-backend-sdk' {
  export const ChatKitServer: any;
  export const Store: any;
  export const NotFoundError: any;
  export type Store = any;
}

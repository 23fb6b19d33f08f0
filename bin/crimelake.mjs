#!/usr/bin/env node
// The installed `crimelake` command: runs the TypeScript CLI through tsx's loader,
// so the package needs no build step and `npm ci` installs nothing else.
import { register } from 'tsx/esm/api';

// crimelake supports Node 20 (the SDK's notice about its future versions is not for our users).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('../cli/main.ts');

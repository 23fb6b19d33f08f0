#!/usr/bin/env node
// The installed `crimelake` command: runs the TypeScript CLI through tsx's loader,
// so the package needs no build step and `npm ci` installs nothing else.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');

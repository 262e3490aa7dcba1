#!/usr/bin/env node
'use strict';
// The CLI is compiled to dist/ by `npm ci` (the prepare script); this shim only points at it.
require('../../dist/generator/src/bin.js');

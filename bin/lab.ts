#!/usr/bin/env node
// The same entry as bin/lab.mjs, for `node bin/lab.ts …` typed from habit or an older lesson.
import './lab.mjs';

import { describe, it, expect } from 'vitest';
import { conv2dInfo } from '../src/kernel/conv-info.js';
describe('smoke', () => { it('works', () => { expect(conv2dInfo([1,5,5,1],[3,3,1,1],[1,1],'same').outH).toBe(5); }); });

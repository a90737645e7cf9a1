/**
 * The files the three generators write for a worked example, rendered by their own pure planners
 * (fixed clock, no project). null until the planners are part of the build.
 */
import type { ExampleFilesRenderer } from './example-doc.js';

export const renderExampleFiles: ExampleFilesRenderer | null = null;

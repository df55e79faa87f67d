export { parseOutput, renderBlock, upsertBlock, removeBlock, type OutputBlock, type OutputDocument } from './document.js';
export { sectionHash, normalizeSection } from './markers.js';
export {
  acceptSection,
  backupOutput,
  backupOutputLocked,
  removeOutputIf,
  MAX_OUTPUT_BYTES,
  OUTPUT_POLICY,
  inspectForAccept,
  outputFileHash,
  readOutputFile,
  OutputConflictError,
  OutputWriteError,
  type AcceptConflict,
  type AcceptResult,
  type ConflictResolution,
} from './write.js';
export { removeSection, type RemoveResult } from './remove.js';

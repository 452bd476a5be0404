/** The parts of a Smithy/botocore JSON model the validator needs, kept compact. */
export type CompactShape =
  | {
      readonly type: 'structure';
      readonly members: Readonly<Record<string, string>>;
      readonly required?: readonly string[];
    }
  | { readonly type: 'list'; readonly member: string; readonly min?: number; readonly max?: number }
  | {
      readonly type: 'map';
      readonly key: string;
      readonly value: string;
      readonly min?: number;
      readonly max?: number;
    }
  | {
      readonly type: 'string';
      readonly enum?: readonly string[];
      readonly min?: number;
      readonly max?: number;
    }
  | {
      readonly type: 'integer' | 'long' | 'double' | 'float' | 'boolean' | 'timestamp' | 'blob';
      readonly min?: number;
      readonly max?: number;
    };

/** An operation: its input and output shapes and the errors the model lists for it. */
export interface CompactOperation {
  readonly input: string;
  readonly output?: string;
  readonly errors: readonly string[];
}

/** The compact model: the implemented operations and the closure of their input shapes. */
export interface CompactModel {
  readonly targetPrefix: string;
  readonly operations: Readonly<Record<string, CompactOperation>>;
  readonly shapes: Readonly<Record<string, CompactShape>>;
}

import { describe, expect, test } from 'vitest';
import { toPlain } from '../../../src/gcp/plain.js';

describe('toPlain', () => {
  test('drops the oneof markers, empty lists and empty maps the gax clients add', () => {
    const fromClient = {
      name: 'api',
      _name: 'name',
      backends: [
        {
          group: 'g',
          _group: 'group',
          capacityScaler: 1,
          _capacityScaler: 'capacityScaler',
          customMetrics: [],
        },
      ],
      customRequestHeaders: [],
      metadatas: {},
      logConfig: { enable: true, _enable: 'enable', optionalFields: [] },
    };
    expect(toPlain(fromClient)).toEqual({
      name: 'api',
      backends: [{ group: 'g', capacityScaler: 1 }],
      logConfig: { enable: true },
    });
  });

  test('keeps falsy values that carry meaning, and fields whose names only look like markers', () => {
    expect(toPlain({ disabled: false, priority: 0, _note: 'something else', description: '' })).toEqual({
      disabled: false,
      priority: 0,
      _note: 'something else',
      description: '',
    });
  });
});

import type { Mention } from '../../domain/entities.js';

export function findEnglishEntities(_text: string, _offset: number): Mention[] {
  return [];
}

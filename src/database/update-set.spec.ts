import { updateSet } from './update-set';

describe('updateSet', () => {
  const columns = { name: 'name', deliveryModel: 'delivery_model' };

  it('sets the given fields in column order, numbered from firstParam, and stamps updated_at', () => {
    expect(updateSet(columns, { deliveryModel: 'joint_venture', name: 'X' }, 2)).toEqual({
      set: 'name = $2, delivery_model = $3, updated_at = now()',
      params: ['X', 'joint_venture'],
    });
  });

  it('leaves undefined fields alone and keeps null as a value', () => {
    expect(updateSet(columns, { name: undefined, deliveryModel: null }, 1)).toEqual({ set: 'delivery_model = $1, updated_at = now()', params: [null] });
    expect(updateSet(columns, {}, 1)).toEqual({ set: 'updated_at = now()', params: [] });
  });
});

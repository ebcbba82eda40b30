import { ConflictError, ValidationError } from '../errors/domain-error';
import { fieldErrorsTogether, setFormatErrors, throwWithFormatErrors, togetherWith, withoutPaths } from './together';

describe('field errors together (format and the service’s in one answer)', () => {
  it('removes the malformed values, at any depth, from a copy of the body', () => {
    const body = { goLive: '2025-13', name: 'Payroll', items: [{ month: 'x', volume: '1' }, 'junk'] };
    expect(withoutPaths(body, ['goLive', 'items.0.month', 'items.1'])).toEqual({ name: 'Payroll', items: [{ volume: '1' }, undefined] });
    expect(body.goLive).toBe('2025-13'); // the body itself is untouched
    expect(withoutPaths(body, ['name.first'])).toBeNull(); // a path that does not lead into the body
    expect(withoutPaths(['a'], ['0'])).toBeNull();
  });

  it('keeps the format errors first and drops the service’s errors about the same (or an enclosing) field', () => {
    const dto = {};
    setFormatErrors(dto, [{ field: 'items.1.volume', message: 'volume must be a number' }]);
    const rule = [
      { field: 'items.0.organisationId', message: 'not a member' },
      { field: 'items.1', message: 'the same as items.0' },
      { field: 'items.1.volume', message: 'again' },
    ];
    expect(togetherWith(dto, rule)).toEqual([
      { field: 'items.1.volume', message: 'volume must be a number' },
      { field: 'items.0.organisationId', message: 'not a member' },
    ]);
  });

  it('throws one 400 with both kinds when the request had format errors; nothing otherwise', () => {
    const clean = {};
    expect(() => throwWithFormatErrors(clean, [{ field: 'a', message: 'x' }])).not.toThrow();
    const dto = {};
    setFormatErrors(dto, [{ field: 'goLive', message: 'goLive must be a month YYYY-MM' }]);
    expect(() => throwWithFormatErrors(dto, [{ field: 'recipientIds.0', message: 'not a member of this consortium' }])).toThrow(
      expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'goLive' }), expect.objectContaining({ field: 'recipientIds.0' })] }) as Error,
    );
    expect(() => throwWithFormatErrors(dto, [])).toThrow(ValidationError);
  });

  it('around the service call: a 400 keeps both kinds; any other failure answers the format errors; a call that does not refuse is a bug', async () => {
    const dto = {};
    setFormatErrors(dto, [{ field: 'classification', message: 'bad' }]);
    await expect(fieldErrorsTogether(dto, () => Promise.reject(new ValidationError([{ field: 'recipientIds.0', message: 'not a member' }])))).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'classification' }, { field: 'recipientIds.0' }],
    });
    await expect(fieldErrorsTogether(dto, () => Promise.reject(new ConflictError('duplicate_code', 'taken')))).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'classification' }],
    });
    await expect(fieldErrorsTogether(dto, () => Promise.reject(new TypeError('undefined')))).rejects.toMatchObject({ status: 400, errors: [{ field: 'classification' }] });
    await expect(fieldErrorsTogether(dto, () => Promise.resolve(1))).rejects.toThrow(/not refused/);
    await expect(fieldErrorsTogether({}, () => Promise.resolve(1))).resolves.toBe(1);
    await expect(fieldErrorsTogether({}, () => Promise.reject(new ConflictError('duplicate_code', 'taken')))).rejects.toMatchObject({ status: 409 });
  });
});

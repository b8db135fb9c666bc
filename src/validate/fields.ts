/** Field presence on proto2 messages (schema.proto is proto2: "has" and "clear" decide TFDV's checks). */
import { clearField, type DescMessage, isFieldSet, type MessageShape } from '@bufbuild/protobuf';

type FieldName<D extends DescMessage> = D extends { field: infer F } ? keyof F & string : string;

function fieldOf(desc: DescMessage, name: string) {
  const field = desc.fields.find((f) => f.localName === name);
  if (!field) throw new Error(`internal: ${desc.typeName} has no field ${name}`);
  return field;
}

export function has<D extends DescMessage>(desc: D, message: MessageShape<D> | undefined, name: FieldName<D>): boolean {
  return message !== undefined && isFieldSet(message, fieldOf(desc, name));
}

export function clear<D extends DescMessage>(desc: D, message: MessageShape<D>, name: FieldName<D>): void {
  clearField(message, fieldOf(desc, name));
}

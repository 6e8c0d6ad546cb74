import type { Option, Reference } from '../../../api'

/** The reference label of a value (the value itself when the reference does not know it). */
export function optionLabel(options: Option[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value
}

/** An agency's service types as one line: 代理、法律. */
export function serviceTypeNames(reference: Reference, serviceTypes: string[]): string {
  return serviceTypes.map((v) => optionLabel(reference.serviceTypes, v)).join('、')
}

export function districtOptions(reference: Reference): Option[] {
  return reference.districts.map((d) => ({ value: d.code, label: d.name }))
}

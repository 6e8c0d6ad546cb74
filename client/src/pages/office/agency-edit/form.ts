import type { Agency, AgencyInput, AgencyPatch, ApiError } from '../../../api'

/** What the agency form edits: everything as typed or picked (the server judges it). */
export interface AgencyForm {
  name: string
  creditCode: string
  serviceTypes: string[]
  district: string
  address: string
  contactName: string
  contactPhone: string
  revenueYear: string
  revenueAmount: string
}

export type AgencyFieldName = keyof AgencyForm

export type AgencyFieldErrors = Partial<Record<AgencyFieldName, string>>

export function emptyAgencyForm(): AgencyForm {
  return { name: '', creditCode: '', serviceTypes: [], district: '', address: '', contactName: '', contactPhone: '', revenueYear: '', revenueAmount: '' }
}

export function formFromAgency(a: Agency): AgencyForm {
  return {
    name: a.name,
    creditCode: a.creditCode,
    serviceTypes: [...a.serviceTypes],
    district: a.district,
    address: a.address ?? '',
    contactName: a.contactName ?? '',
    contactPhone: a.contactPhone ?? '',
    revenueYear: a.annualRevenue ? String(a.annualRevenue.year) : '',
    revenueAmount: a.annualRevenue ? String(a.annualRevenue.amountYuan) : '',
  }
}

/** A typed number as a number; anything else as typed, for the server to refuse in its own words. */
function typedNumber(text: string): number {
  const trimmed = text.trim()
  return (/^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed) as number
}

const optional = (text: string) => text.trim() || null

/**
 * The POST / PATCH body. Empty optional fields are sent as null, so an edit can clear them; the
 * revenue is left out (null) only when both its year and its amount are empty.
 */
export function toAgencyInput(form: AgencyForm, serviceTypeOrder: string[]): AgencyInput {
  const serviceTypes = [...form.serviceTypes].sort((a, b) => serviceTypeOrder.indexOf(a) - serviceTypeOrder.indexOf(b))
  const year = form.revenueYear.trim()
  const amount = form.revenueAmount.trim()
  // the checkboxes and the picker offer only /api/reference's values, which the form keeps as strings
  return {
    name: form.name.trim(),
    creditCode: form.creditCode.trim(),
    serviceTypes: serviceTypes as AgencyInput['serviceTypes'],
    district: form.district as AgencyInput['district'],
    address: optional(form.address),
    contactName: optional(form.contactName),
    contactPhone: optional(form.contactPhone),
    annualRevenue:
      year || amount
        ? ({ ...(year ? { year: typedNumber(year) } : {}), ...(amount ? { amountYuan: typedNumber(amount) } : {}) } as NonNullable<AgencyInput['annualRevenue']>)
        : null,
  }
}

/** Where the server's field errors go: its paths ('annualRevenue.amountYuan', 'serviceTypes.0') onto the form's fields. */
export function formFieldOf(path: string): AgencyFieldName | null {
  if (path === 'annualRevenue.year') return 'revenueYear'
  if (path.startsWith('annualRevenue')) return 'revenueAmount'
  const top = path.split(/[.[]/)[0]
  const known: AgencyFieldName[] = ['name', 'creditCode', 'serviceTypes', 'district', 'address', 'contactName', 'contactPhone']
  return (known as string[]).includes(top) ? (top as AgencyFieldName) : null
}

/** The server's refusal split into messages by field and the rest. */
export function splitErrors(e: ApiError): { fields: AgencyFieldErrors; other: string[] } {
  const fields: AgencyFieldErrors = {}
  const other: string[] = []
  for (const d of e.details) {
    const field = formFieldOf(String(d.path ?? ''))
    if (field && !fields[field]) fields[field] = d.message
    else if (!field) other.push(d.message)
  }
  // a credit code already registered: the 409 names the field, or says so in its message
  if (e.code === 'CREDIT_CODE_TAKEN' && !fields.creditCode) fields.creditCode = e.message
  return { fields, other }
}

/** The PATCH body: only what differs from the agency as loaded (nothing changed → {}, which the server refuses in its words). */
export function changedFields(before: AgencyInput, after: AgencyInput): AgencyPatch {
  const patch: Record<string, unknown> = {}
  for (const key of Object.keys(after) as (keyof AgencyInput)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) patch[key] = after[key]
  }
  return patch as AgencyPatch
}

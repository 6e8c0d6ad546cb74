import type { PractitionerRecord, ProfileInput, Reference } from '../../../api'

/** What the form edits: everything as the person typed or picked it. */
export interface ProfileForm {
  name: string
  idNumber: string
  gender: '' | 'male' | 'female'
  district: string
  orgName: string
  orgType: string
  category: string
  ipFields: string[]
  titleLevel: string
  /** '' until picked: records from before the series was asked have none. */
  titleSeries: string
  education: string
  /** The yes/no choice as picked: 'true' | 'false'. */
  ipDegree: string
  agencyCreditCode: string
  qualifications: string
  email: string
}

export type FieldName = keyof ProfileForm

export const FIELD_NAMES: FieldName[] = [
  'name',
  'idNumber',
  'gender',
  'district',
  'orgName',
  'orgType',
  'category',
  'ipFields',
  'titleLevel',
  'titleSeries',
  'education',
  'ipDegree',
  'agencyCreditCode',
  'qualifications',
  'email',
]

/** Only "something must be there"; every other rule is the server's. */
export const REQUIRED_FIELDS: FieldName[] = ['name', 'idNumber', 'district', 'orgName', 'orgType', 'category', 'ipFields', 'titleLevel']

export function emptyForm(name = ''): ProfileForm {
  return {
    name,
    idNumber: '',
    gender: '',
    district: '',
    orgName: '',
    orgType: '',
    category: '',
    ipFields: [],
    titleLevel: '',
    titleSeries: '',
    education: '',
    ipDegree: 'false',
    agencyCreditCode: '',
    qualifications: '',
    email: '',
  }
}

/** Prefill from the stored record. The raw ID number is never returned, so it starts empty. */
export function formFromRecord(record: PractitionerRecord | null, userName = ''): ProfileForm {
  if (!record) return emptyForm(userName)
  return {
    name: record.name ?? '',
    idNumber: '',
    gender: record.gender === 'male' || record.gender === 'female' ? record.gender : '',
    district: record.district ?? '',
    orgName: record.orgName ?? '',
    orgType: record.orgType ?? '',
    category: record.category ?? '',
    ipFields: Array.isArray(record.ipFields) ? [...record.ipFields] : [],
    titleLevel: record.titleLevel ?? '',
    titleSeries: record.titleSeries ?? '',
    education: record.education ?? '',
    ipDegree: record.ipDegree ? 'true' : 'false',
    agencyCreditCode: record.agencyCreditCode ?? '',
    qualifications: (record.qualifications ?? []).join('\n'),
    email: record.email ?? '',
  }
}

/** "a, b，c\nd" → ['a', 'b', 'c', 'd'] */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、;；\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}

export function missingRequired(form: ProfileForm, message: string): Partial<Record<FieldName, string>> {
  const out: Partial<Record<FieldName, string>> = {}
  for (const f of REQUIRED_FIELDS) {
    const v = form[f]
    if (typeof v === 'string' ? !v.trim() : !v.length) out[f] = message
  }
  return out
}

/** The PUT /api/me/profile body. Optional fields are left out when empty. */
export function toProfileInput(form: ProfileForm, reference?: Reference): ProfileInput {
  const ipOrder = reference ? reference.ipFields.map((o) => o.value) : []
  const ipFields = [...form.ipFields].sort((a, b) => ipOrder.indexOf(a) - ipOrder.indexOf(b))
  // The pickers offer only /api/reference's values, which the form keeps as strings; the server
  // checks them again, so naming them as its enums here is a statement about the pickers.
  const input: ProfileInput = {
    name: form.name.trim(),
    idNumber: form.idNumber.trim(),
    district: form.district as ProfileInput['district'],
    orgName: form.orgName.trim(),
    orgType: form.orgType as ProfileInput['orgType'],
    category: form.category as ProfileInput['category'],
    ipFields: ipFields as ProfileInput['ipFields'],
    titleLevel: form.titleLevel as ProfileInput['titleLevel'],
    ipDegree: form.ipDegree === 'true',
    qualifications: splitList(form.qualifications),
  }
  if (form.gender) input.gender = form.gender
  if (form.titleSeries) input.titleSeries = form.titleSeries as ProfileInput['titleSeries']
  if (form.education) input.education = form.education as ProfileInput['education']
  // the server checks the code (length, check character) and answers at the field
  const agencyCreditCode = form.agencyCreditCode.trim()
  if (agencyCreditCode) input.agencyCreditCode = agencyCreditCode
  const email = form.email.trim()
  if (email) input.email = email
  return input
}

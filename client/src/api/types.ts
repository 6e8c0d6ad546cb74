/** Shapes from /work/shared/API.md (Accounts, Practitioner profile). */

export type Role = 'practitioner' | 'trainer' | 'office' | 'admin'

export interface User {
  id: number | string
  phone: string | null
  name: string
  role: Role
}

export interface AuthResult {
  token: string
  user: User
}

export interface WechatAuthResult extends AuthResult {
  isNew: boolean
}

export type RecordStatus = 'pending' | 'verified' | 'rejected' | 'inactive'

export interface PractitionerRecord {
  id: number | string
  name: string
  idNumberMasked: string
  gender: 'male' | 'female' | null
  district: string
  orgName: string
  orgType: string
  category: string
  ipFields: string[]
  titleLevel: string
  qualifications: string[]
  email: string | null
  tier: string
  status: RecordStatus
  rejectReason: string | null
  verifiedAt: string | null
  updatedAt: string
}

export interface Me {
  user: User
  practitioner: PractitionerRecord | null
}

export interface Option {
  value: string
  label: string
}

export interface District {
  code: string
  name: string
  kind: 'district' | 'county' | 'autonomous_county'
}

export interface Reference {
  districts: District[]
  orgTypes: Option[]
  categories: Option[]
  ipFields: Option[]
  titleLevels: Option[]
  tiers: Option[]
  genders: Option[]
  recordStatuses: Option[]
}

export interface ProfileInput {
  name: string
  idNumber: string
  gender?: 'male' | 'female'
  district: string
  orgName: string
  orgType: string
  category: string
  ipFields: string[]
  titleLevel: string
  qualifications?: string[]
  email?: string
}

export interface ErrorDetail {
  path: string
  message: string
}

import { downloadAgencyImportTemplate, downloadImportTemplate, importAgencies, importTalents } from '../../../api'
import type { Downloaded, ImportReport, PickedFile } from '../../../api'
import { zh } from '../../../text/zh'

/** What the import page can import (`?kind=`): talent records (the default) or agencies. */
export type ImportKind = 'talents' | 'agencies'

/** One kind of import: its words, its template and its upload (both answer the same report). */
export interface ImportKindSpec {
  title: string
  intro: string
  templateFileName: string
  template: () => Promise<Downloaded>
  send: (file: PickedFile, dryRun: boolean) => Promise<ImportReport>
}

export const IMPORT_KINDS: Record<ImportKind, ImportKindSpec> = {
  talents: {
    title: zh.office.importTitle,
    intro: zh.office.importIntro,
    templateFileName: zh.office.templateFileName,
    template: downloadImportTemplate,
    send: importTalents,
  },
  agencies: {
    title: zh.agencies.importTitle,
    intro: zh.agencies.importIntro,
    templateFileName: zh.agencies.templateFileName,
    template: downloadAgencyImportTemplate,
    send: importAgencies,
  },
}

/** The kind named by the page's query; anything else is the talent import, as before. */
export function importKindOf(param: string | undefined): ImportKind {
  return param === 'agencies' ? 'agencies' : 'talents'
}

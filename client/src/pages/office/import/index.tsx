import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { isApiError, isSignedIn } from '../../../api'
import type { ImportReport, PickedFile } from '../../../api'
import { FilePicker } from '../../../components/FilePicker'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { downloadAndPresent } from '../../../utils/files'
import { goLogin } from '../../../utils/nav'
import { failureMessage } from '../../../utils/failure'
import { IMPORT_KINDS, importKindOf } from './kinds'
import '../office.css'
import './index.css'

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'

/** A failure of the whole file: the message and, for missing columns, one line per column. */
interface FileError {
  message: string
  lines: string[]
}

/** 批量导入: talent records, or agencies with `?kind=agencies`; a dry run first, then the import. */
export default function ImportPage() {
  const t = zh.office
  const kind = importKindOf(useRouter().params?.kind)
  const spec = IMPORT_KINDS[kind]
  const [file, setFile] = useState<PickedFile | null>(null)
  const { busy, run } = useOneAction<'template' | 'dryRun' | 'import'>()
  const [report, setReport] = useState<ImportReport | null>(null)
  const [fileError, setFileError] = useState<FileError | null>(null)

  useEffect(() => {
    if (!isSignedIn()) goLogin()
  }, [])

  // the page's configured title is the talent import's
  useEffect(() => {
    if (kind !== 'talents') void Taro.setNavigationBarTitle({ title: spec.title })
  }, [kind, spec])

  const picked = (f: PickedFile) => {
    setFile(f)
    setReport(null)
    setFileError(null)
  }

  const template = () =>
    run('template', async () => {
      await downloadAndPresent(spec.template, { fileName: spec.templateFileName, fileType: 'xlsx' })
    })

  /** Sends the file: a dry run reports what would change, the import applies the good rows. */
  const send = async (dryRun: boolean) => {
    if (!file) {
      setFileError({ message: t.chooseFirst, lines: [] })
      return
    }
    await run(dryRun ? 'dryRun' : 'import', async () => {
      setFileError(null)
      setReport(null)
      try {
        setReport(await spec.send(file, dryRun))
      } catch (e) {
        const message = failureMessage(e)
        if (message !== null) {
          const lines = isApiError(e) ? e.details.filter((d) => d.path !== 'file').map((d) => d.message) : []
          setFileError({ message, lines })
        }
      }
    })
  }

  return (
    <View className='page office import'>
      <Text className='import__intro'>{spec.intro}</Text>

      <View className='card'>
        <Button className={busy === 'template' ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={() => void template()}>
          {busy === 'template' ? t.downloading : t.template}
        </Button>

        <Text className='field__label import__label'>{t.file}</Text>
        <FilePicker label={t.file} accept={ACCEPT} extensions={['xlsx', 'csv']} file={file} onPick={picked} />

        <View className='office__toolbar import__actions'>
          <Button className={busy === 'dryRun' ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={() => void send(true)}>
            {busy === 'dryRun' ? t.checking : t.dryRun}
          </Button>
          <Button className={busy === 'import' ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void send(false)}>
            {busy === 'import' ? t.importing : t.confirmImport}
          </Button>
        </View>
      </View>

      {fileError ? (
        <View className='card import__file-error'>
          <Text className='form-error'>{fileError.message}</Text>
          {fileError.lines.map((line) => (
            <Text key={line} className='import__error-line'>
              {line}
            </Text>
          ))}
        </View>
      ) : null}

      {report ? <ImportResult report={report} /> : null}
    </View>
  )
}

function ImportResult({ report }: { report: ImportReport }) {
  const t = zh.office
  const r = report
  return (
    <View className='card import__result'>
      <Text className='card__title'>{r.dryRun ? t.dryRunTitle : t.resultTitle}</Text>
      <View className='import__counts'>
        <Text className='import__count'>{r.dryRun ? t.willCreate(r.created) : t.created(r.created)}</Text>
        <Text className='import__count'>{r.dryRun ? t.willUpdate(r.updated) : t.updated(r.updated)}</Text>
        <Text className='import__count'>{r.dryRun ? t.willKeep(r.unchanged) : t.unchanged(r.unchanged)}</Text>
      </View>
      {r.errors.length ? (
        <View className='import__errors'>
          <Text className='import__errors-title'>{t.errorsTitle(r.errors.length)}</Text>
          {r.errors.map((e, i) => (
            <View key={`${e.row}-${e.column}-${i}`} className='import__error'>
              <Text className='import__error-where'>
                {t.errorRow(e.row)}
                {e.column ? ` · ${e.column}` : ''}
              </Text>
              <Text className='import__error-line'>{e.message}</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className='office__muted'>{t.noErrors}</Text>
      )}
    </View>
  )
}

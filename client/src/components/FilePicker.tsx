import type { ChangeEvent } from 'react'
import { Text, View } from '@tarojs/components'
import type { PickedFile } from '../api'
import { zh } from '../text/zh'
import { chooseMessageFile } from '../utils/files'
import './FilePicker.css'

interface FilePickerProps {
  /** The accessible name of the h5 file input. */
  label: string
  /** h5: the input's accept list (MIME types or extensions). */
  accept: string
  /** weapp: the extensions offered from a chat (Taro.chooseMessageFile). */
  extensions: string[]
  file: PickedFile | null
  onPick: (file: PickedFile) => void
}

/**
 * One file to upload. h5: a native file input laid over the button (the File itself is sent, see
 * upload() in the api module); weapp: a file from a chat. Shows the chosen file's name.
 */
export function FilePicker({ label, accept, extensions, file, onPick }: FilePickerProps) {
  const t = zh.files
  const face = (
    <>
      <Text className='file-picker__btn'>{file ? t.change : t.choose}</Text>
      <Text className={file ? 'file-picker__name' : 'file-picker__name file-picker__name--none'}>{file ? file.name : t.none}</Text>
    </>
  )
  if (process.env.TARO_ENV === 'h5') {
    const onChange = (e: ChangeEvent<HTMLInputElement>) => {
      const f = e.target.files?.[0]
      if (f) onPick({ path: f.name, name: f.name, size: f.size, blob: f })
      // the same file may be chosen again after it was edited
      e.target.value = ''
    }
    return (
      <label className='file-picker'>
        <input className='file-picker__input' type='file' accept={accept} aria-label={label} onChange={onChange} />
        {face}
      </label>
    )
  }
  return (
    <View
      className='file-picker'
      onClick={() =>
        void chooseMessageFile(extensions).then((f) => {
          if (f) onPick(f)
        })
      }
    >
      {face}
    </View>
  )
}

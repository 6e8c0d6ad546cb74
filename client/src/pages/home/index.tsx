import { Button, Text, View } from '@tarojs/components'
import { downloadMyData, getMe, getMyCredits, getReference, getUnreadNotificationCount, signOut } from '../../api'
import { HoursBar } from '../../components/HoursBar'
import { ErrorState, LoadingState } from '../../components/states'
import { StatusBadge } from '../../components/StatusBadge'
import { useOneAction } from '../../hooks/useOneAction'
import { useSignedInData } from '../../hooks/useSignedInData'
import { zh } from '../../text/zh'
import { downloadAndPresent } from '../../utils/files'
import {
  goAccountDeletion,
  goAdminAudit,
  goAdminOutbox,
  goAdminStaff,
  goChangePassword,
  goChangePasswordFirst,
  goCheckin,
  goCourseList,
  goLogin,
  goMyCertificates,
  goMyCredits,
  goMyEnrollments,
  goNotifications,
  goOfficeAgencies,
  goOfficeClaims,
  goOfficeCompliance,
  goOfficeDashboard,
  goOfficeImport,
  goOfficeTalents,
  goProfileEdit,
  goStaffClasses,
} from '../../utils/nav'
import './index.css'

export default function HomePage() {
  // refreshed quietly when shown again: the record's status may have changed on the form, and the
  // unread count after reading messages (or new ones arriving)
  const { busy, run } = useOneAction<'export'>()
  const { state, reload } = useSignedInData(async () => {
    const [me, reference] = await Promise.all([getMe(), getReference()])
    // an admin issued a temporary password: nothing else works until it is changed
    if (me.user.mustChangePassword) goChangePasswordFirst()
    const usable = !me.user.mustChangePassword
    // this year's hours and the unread messages at a glance; the page still works when they cannot be had
    const [hours, unread] = await Promise.all([
      me.user.role === 'practitioner' && me.practitioner && usable ? getMyCredits().catch(() => null) : null,
      usable ? getUnreadNotificationCount().catch(() => null) : null,
    ])
    return { me, reference, hours, unread }
  }, [])

  const exportData = () =>
    run('export', () =>
      downloadAndPresent(downloadMyData, { fileName: zh.account.exportFileName, fileType: 'json', done: zh.account.exported }),
    )

  const logout = () => {
    signOut()
    goLogin()
  }

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />

  const { me, reference, hours, unread } = state.data
  const record = me.practitioner
  const isPractitioner = me.user.role === 'practitioner'
  const isTrainer = me.user.role === 'trainer' || me.user.role === 'admin'
  const isOffice = me.user.role === 'office' || me.user.role === 'admin'
  const isDistrict = me.user.role === 'district'
  const districtName = record ? reference.districts.find((d) => d.code === record.district)?.name : undefined
  // the district a district office account works for (区县): its tools are limited to it by the server
  const staffDistrict = isDistrict ? reference.districts.find((d) => d.code === me.user.districtCode)?.name : undefined

  return (
    <View className='page home'>
      <View className='card home__hello'>
        <Text className='home__name'>{zh.home.greeting(me.user.name)}</Text>
        <Entry title={zh.home.messages} hint={zh.home.messagesHint} badge={unread ? zh.home.unreadBadge(unread) : undefined} onClick={goNotifications} />
      </View>

      {/* the talent record is a practitioner's; staff accounts have none to fill in */}
      {isPractitioner ? (
        <View className='card'>
          <Text className='card__title'>{zh.home.recordTitle}</Text>
          {record ? (
            <View className='home__record'>
              <View className='home__row'>
                <Text className='home__label'>{zh.home.recordStatus}</Text>
                <StatusBadge status={record.status} statuses={reference.recordStatuses} />
              </View>
              {record.status === 'rejected' && record.rejectReason ? (
                <Text className='home__reason'>
                  {zh.home.rejectReason}
                  {record.rejectReason}
                </Text>
              ) : null}
              <Text className='home__summary'>
                {[record.name, districtName, record.orgName].filter(Boolean).join(' · ')}
              </Text>
              <Button className='btn btn--primary' onClick={goProfileEdit}>
                {zh.home.editProfile}
              </Button>
            </View>
          ) : (
            <View className='home__empty'>
              <Text className='home__prompt'>{zh.home.completeProfile}</Text>
              <Text className='home__hint'>{zh.home.completeProfileHint}</Text>
              <Button className='btn btn--primary' onClick={goProfileEdit}>
                {zh.home.fillProfile}
              </Button>
            </View>
          )}
        </View>
      ) : null}

      {hours ? (
        <View className='card home__hours' onClick={goMyCredits}>
          <View className='home__row'>
            <Text className='card__title'>{zh.home.hoursTitle(hours.year)}</Text>
            <Text className={hours.compliant ? 'tag tag--completed' : 'tag tag--pending'}>
              {hours.compliant ? zh.credits.compliant : zh.credits.missing(hours.missingHours)}
            </Text>
          </View>
          <Text className='home__hours-value'>{zh.home.hoursOf(hours.earnedHours, hours.requiredHours)}</Text>
          <HoursBar summary={hours} />
        </View>
      ) : null}

      <View className='card'>
        <Text className='card__title'>{zh.home.trainingTitle}</Text>
        <Entry title={zh.home.courses} hint={zh.home.coursesHint} onClick={goCourseList} />
        {isPractitioner ? (
          <>
            <Entry title={zh.home.myEnrollments} hint={zh.home.myEnrollmentsHint} onClick={goMyEnrollments} />
            <Entry title={zh.home.checkin} hint={zh.home.checkinHint} onClick={goCheckin} />
            <Entry title={zh.home.credits} hint={zh.home.creditsHint} onClick={goMyCredits} />
            <Entry title={zh.home.certificates} hint={zh.home.certificatesHint} onClick={goMyCertificates} />
          </>
        ) : null}
      </View>

      {isTrainer ? (
        <View className='card'>
          <Text className='card__title'>{zh.home.staffTitle}</Text>
          <Entry title={zh.home.staffClasses} hint={zh.home.staffClassesHint} onClick={goStaffClasses} />
        </View>
      ) : null}

      {isOffice ? (
        <View className='card'>
          <Text className='card__title'>{zh.home.officeTitle}</Text>
          <Entry title={zh.home.dashboard} hint={zh.home.dashboardHint} onClick={goOfficeDashboard} />
          <Entry title={zh.home.talents} hint={zh.home.talentsHint} onClick={goOfficeTalents} />
          <Entry title={zh.home.import} hint={zh.home.importHint} onClick={goOfficeImport} />
          <Entry title={zh.home.claims} hint={zh.home.claimsHint} onClick={goOfficeClaims} />
          <Entry title={zh.agencies.homeEntry} hint={zh.agencies.homeEntryHint} onClick={goOfficeAgencies} />
          <Entry title={zh.home.audit} hint={zh.home.auditHint} onClick={goAdminAudit} />
        </View>
      ) : null}

      {/* district staff (区县): the office tools the server opens to them, for their district only */}
      {isDistrict ? (
        <View className='card'>
          <Text className='card__title'>{staffDistrict ? zh.home.districtOfficeTitle(staffDistrict) : zh.home.districtOfficeFallback}</Text>
          <Entry title={zh.home.dashboard} hint={zh.home.districtDashboardHint} onClick={goOfficeDashboard} />
          <Entry title={zh.home.talents} hint={zh.home.districtTalentsHint} onClick={goOfficeTalents} />
          <Entry title={zh.home.import} hint={zh.home.importHint} onClick={goOfficeImport} />
          <Entry title={zh.home.compliance} hint={zh.home.complianceHint} onClick={goOfficeCompliance} />
          <Entry title={zh.agencies.homeEntry} hint={zh.agencies.homeEntryHint} onClick={goOfficeAgencies} />
          <Entry title={zh.home.audit} hint={zh.home.auditHint} onClick={goAdminAudit} />
        </View>
      ) : null}

      {me.user.role === 'admin' ? (
        <View className='card'>
          <Text className='card__title'>{zh.admin.title}</Text>
          <Entry title={zh.admin.staff} hint={zh.admin.staffHint} onClick={goAdminStaff} />
          <Entry title={zh.admin.outbox} hint={zh.admin.outboxHint} onClick={goAdminOutbox} />
        </View>
      ) : null}

      <View className='card'>
        <Text className='card__title'>{zh.account.title}</Text>
        <Entry title={zh.account.changePassword} hint={zh.account.changePasswordHint} onClick={goChangePassword} />
        <Entry
          title={busy === 'export' ? zh.account.exporting : zh.account.exportData}
          hint={zh.account.exportDataHint}
          onClick={() => void exportData()}
        />
        {/* a staff account is an admin's to disable; only practitioners delete their own */}
        {isPractitioner ? <Entry title={zh.account.deleteAccount} hint={zh.account.deleteAccountHint} onClick={goAccountDeletion} /> : null}
      </View>

      <Button className='btn btn--plain' onClick={logout}>
        {zh.home.logout}
      </Button>
    </View>
  )
}

function Entry({ title, hint, badge, onClick }: { title: string; hint: string; badge?: string; onClick: () => void }) {
  return (
    <View className='home__entry' onClick={onClick}>
      <View className='home__entry-text'>
        <Text className='home__entry-title'>{title}</Text>
        <Text className='home__entry-hint'>{hint}</Text>
      </View>
      {badge ? <Text className='home__badge'>{badge}</Text> : null}
      <Text className='home__entry-arrow'>›</Text>
    </View>
  )
}

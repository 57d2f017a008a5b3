import { DataList, EmptyState, Loader, Stack } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import type { UseQueryResult } from '@tanstack/react-query'
import type { LinkProps } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { AnchorLink, ButtonLink } from './links.tsx'
import classes from './record-page.module.css'

/**
 * The page of one record (a movie, a person): a way back to the list, and the record once loaded; while it
 * loads a loader, and when it cannot be shown, why. `noun` names one record ("movie") and `listName` the
 * list ("movies"); "No movie…" from main means the record is not in the catalogue.
 */
export function RecordPage<Record>({
  record,
  noun,
  listName,
  listTo,
  children,
}: {
  record: UseQueryResult<Record, Error>
  noun: string
  listName: string
  listTo: LinkProps['to']
  children: (record: Record) => ReactNode
}) {
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <AnchorLink to={listTo} fz="sm" className={classes.back}>
        <IconArrowLeft size={14} stroke={1.8} aria-hidden />
        {` All ${listName}`}
      </AnchorLink>
      {record.isPending && <Loader aria-label={`Loading the ${noun}`} m="xl" />}
      {record.isError && (
        <EmptyState
          py={56}
          title={
            record.error.message.startsWith(`No ${noun}`)
              ? `This ${noun} is not in the catalogue`
              : `The ${noun} could not be loaded`
          }
          description={record.error.message}
        >
          <ButtonLink to={listTo} variant="light">
            {`Go to ${listName}`}
          </ButtonLink>
        </EmptyState>
      )}
      {record.data !== undefined && children(record.data)}
    </Stack>
  )
}

/** A record's facts as label and value, only those known; nothing when none is. */
export function FactList({
  facts,
  labelWidth,
}: {
  facts: { label: string; value: ReactNode }[]
  labelWidth: number
}) {
  if (facts.length === 0) return null
  return (
    <DataList orientation="horizontal" labelWidth={labelWidth} gap="xs">
      {facts.map(({ label, value }) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  )
}

import { Anchor, type AnchorProps, Badge, type BadgeProps, Button, type ButtonProps } from '@mantine/core'
import { createLink } from '@tanstack/react-router'
import { forwardRef } from 'react'

// Mantine's `component={Link}` loses the router's types; links made with createLink keep them, so a
// link to a route that does not exist, or without its params, does not compile.

const AnchorAsLink = forwardRef<HTMLAnchorElement, AnchorProps & React.ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Anchor ref={ref} {...props} />,
)
/** Text link to a screen of the app. */
export const AnchorLink = createLink(AnchorAsLink)

const ButtonAsLink = forwardRef<HTMLAnchorElement, ButtonProps & React.ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Button ref={ref} component="a" {...props} />,
)
/** A button that goes to a screen of the app. */
export const ButtonLink = createLink(ButtonAsLink)

const BadgeAsLink = forwardRef<HTMLAnchorElement, BadgeProps & React.ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Badge ref={ref} component="a" {...props} />,
)
/** A badge that goes to a screen of the app (a genre opening the list filtered by it). */
export const BadgeLink = createLink(BadgeAsLink)

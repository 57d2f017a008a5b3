// The people feature's public face: what other features may use.
export { PersonPicker, type PersonPickerProps } from './person-picker.tsx'

const c = 1

export { c }

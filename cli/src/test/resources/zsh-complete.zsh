# Prints what zsh's completion offers for a partial command line, one match per line.
#   zsh -f zsh-complete.zsh FPATH_DIR 'step3vl plugins --'
# Drives an interactive zsh in a pseudo-terminal (zsh/zpty): loads compinit with FPATH_DIR first on
# $fpath, binds TAB to a widget that records every match compadd receives, types the line and TAB.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; fpath=('$1' \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z '_record_matches() {
  compadd() { builtin compadd "$@"; local -a __m; builtin compadd -O __m "$@"; local m; for m in $__m; do print -r -- "MATCH:$m"; done }
  _main_complete
  unfunction compadd
}'
zpty -w z 'zle -C record-matches complete-word _record_matches; bindkey "^I" record-matches'
zpty -w z "print -r -- RE''ADY"
zpty -r z ignored '*READY*'
zpty -w -n z "$2"$'\t'
zpty -w -n z $'\x15'
zpty -w z "print -r -- DO''NE"
zpty -r z out '*DONE*'
print -r -- "$out" | tr -d '\r' | grep -o 'MATCH:[^ ]*' | sed 's/^MATCH://' | sort -u
zpty -d z

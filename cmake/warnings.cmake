# Warnings for our own targets only (not for third-party headers, which come in as SYSTEM).
function(ticketlens_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(TICKETLENS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# A fast linker when one is installed (scripts/install-deps installs mold): linking a dozen
# sanitizer-instrumented test executables with GNU ld is a large share of a clean build.
include(CheckLinkerFlag)
foreach(linker mold lld)
  check_linker_flag(CXX "-fuse-ld=${linker}" TICKETLENS_HAVE_LD_${linker})
  if(TICKETLENS_HAVE_LD_${linker})
    add_link_options("-fuse-ld=${linker}")
    message(STATUS "ticketlens: linking with ${linker}")
    break()
  endif()
endforeach()

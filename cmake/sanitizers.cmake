if(TICKETLENS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Fuzzing (clang only, tests/fuzz): the whole library is instrumented for coverage and built
# with ASan and UBSan; the fuzz targets add -fsanitize=fuzzer at link time.
if(TICKETLENS_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TICKETLENS_BUILD_FUZZ needs clang (scripts/install-deps --with-fuzz): "
                        "CC=clang CXX=clang++ cmake -S . -B build/fuzz -DTICKETLENS_BUILD_FUZZ=ON")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# The web dashboard (web/): `npm ci` then `npm run build` into ${CMAKE_BINARY_DIR}/web, next to
# the ticketlens binary, which serves it. Needs node and npm (scripts/install-deps); without them
# the binary is built without the dashboard and `serve` says so (the API works).
find_program(TICKETLENS_NODE node)
find_program(TICKETLENS_NPM npm)
set(TICKETLENS_WEB_OUT ${CMAKE_BINARY_DIR}/web)
if(TICKETLENS_NODE AND TICKETLENS_NPM)
  set(web_dir ${PROJECT_SOURCE_DIR}/web)
  file(GLOB_RECURSE web_sources CONFIGURE_DEPENDS ${web_dir}/src/*)
  set(web_stamp ${CMAKE_BINARY_DIR}/web-npm-ci.stamp)
  add_custom_command(
    OUTPUT ${web_stamp}
    COMMAND ${TICKETLENS_NPM} ci --no-audit --no-fund --loglevel=error
    COMMAND ${CMAKE_COMMAND} -E touch ${web_stamp}
    DEPENDS ${web_dir}/package.json ${web_dir}/package-lock.json
    WORKING_DIRECTORY ${web_dir}
    COMMENT "web: npm ci (node packages of the dashboard into web/node_modules)"
    VERBATIM)
  add_custom_command(
    OUTPUT ${TICKETLENS_WEB_OUT}/index.html
    COMMAND ${CMAKE_COMMAND} -E env TICKETLENS_WEB_OUT=${TICKETLENS_WEB_OUT} ${TICKETLENS_NPM} run build --silent
    DEPENDS ${web_stamp} ${web_sources} ${web_dir}/index.html ${web_dir}/vite.config.js
    WORKING_DIRECTORY ${web_dir}
    COMMENT "web: vite build into ${TICKETLENS_WEB_OUT}"
    VERBATIM)
  add_custom_target(web ALL DEPENDS ${TICKETLENS_WEB_OUT}/index.html)
  set(TICKETLENS_HAVE_WEB ON)
else()
  message(STATUS "node or npm not found: the web dashboard is not built (scripts/install-deps installs them)")
  set(TICKETLENS_HAVE_WEB OFF)
endif()

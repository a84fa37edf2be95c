# Installs the pinned official Cloudinary Node SDK into the build tree (the conformance_npm_install
# test, a fixture of the differential tests). Run as: cmake -DNODE=… -DNPM=… -DSOURCE_DIR=…
# -DNODE_DIR=… -P npm-install.cmake
#
# `npm ci` from the committed package.json/package-lock.json copies: exact versions, nothing else
# reaches the network but the npm registry. Skipped when the same lock file was installed before.
# A missing node or npm is a test failure with a message saying so, never a silent pass.

foreach(var NODE NPM SOURCE_DIR NODE_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "npm-install.cmake: -D${var}=… is required")
    endif()
endforeach()

if(NOT NODE OR NODE MATCHES "-NOTFOUND$")
    message(FATAL_ERROR
        "Node.js was not found when the build was configured, so the conformance tests against the "
        "official Cloudinary Node SDK cannot run. Install Node.js >= 18 and npm (Debian: "
        "apt install nodejs npm) and re-run cmake.")
endif()

file(SHA256 "${SOURCE_DIR}/package-lock.json" lock_hash)
set(stamp "${NODE_DIR}/node_modules/.stratus-lock-sha256")
if(EXISTS "${stamp}" AND EXISTS "${NODE_DIR}/node_modules/cloudinary/package.json")
    file(READ "${stamp}" installed_hash)
    if(installed_hash STREQUAL lock_hash)
        message(STATUS "Node SDK already installed in ${NODE_DIR}/node_modules (lock file unchanged)")
        return()
    endif()
endif()

if(NOT NPM OR NPM MATCHES "-NOTFOUND$")
    message(FATAL_ERROR
        "npm was not found when the build was configured and the pinned Cloudinary Node SDK is not "
        "installed in ${NODE_DIR}/node_modules, so the conformance tests cannot run. Install npm "
        "(Debian: apt install npm) and re-run cmake.")
endif()

file(MAKE_DIRECTORY "${NODE_DIR}")
file(COPY "${SOURCE_DIR}/package.json" "${SOURCE_DIR}/package-lock.json" DESTINATION "${NODE_DIR}")
execute_process(
    COMMAND "${NPM}" ci --prefix "${NODE_DIR}" --ignore-scripts --no-audit --no-fund --no-update-notifier --loglevel=error
    WORKING_DIRECTORY "${NODE_DIR}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR
        "'npm ci' failed (${result}) installing the pinned Cloudinary Node SDK into ${NODE_DIR}. "
        "It needs the npm registry (https://registry.npmjs.org or the one configured for npm).")
endif()

execute_process(
    COMMAND "${NODE}" -p "require(process.argv[1]).version" "${NODE_DIR}/node_modules/cloudinary/package.json"
    OUTPUT_VARIABLE installed_version OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE result)
if(NOT result EQUAL 0 OR NOT installed_version STREQUAL "2.11.0")
    message(FATAL_ERROR "expected cloudinary 2.11.0 in ${NODE_DIR}/node_modules, found '${installed_version}'")
endif()
file(WRITE "${stamp}" "${lock_hash}")
message(STATUS "Installed cloudinary ${installed_version} into ${NODE_DIR}/node_modules")

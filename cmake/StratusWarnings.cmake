# Warnings for every Stratus target; -Werror when STRATUS_WERROR is on (CI turns it on).
function(stratus_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wold-style-cast -Wcast-align -Woverloaded-virtual
                                             -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        # GCC 12 reports std::variant members as "maybe uninitialized" after moves (a known false
        # positive, GCC bug 105593 and relatives); clang and the sanitizer builds still check it.
        target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
    if(STRATUS_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING
                                                 QT_NO_CAST_TO_ASCII QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
                                                 QT_USE_QSTRINGBUILDER)
endfunction()

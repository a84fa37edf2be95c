# Desktop integration and a Debian package (cpack -G DEB from the build directory).
include(GNUInstallDirs)
install(FILES "${PROJECT_SOURCE_DIR}/packaging/io.github.stratus_desktop.Stratus.desktop"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
install(FILES "${PROJECT_SOURCE_DIR}/packaging/io.github.stratus_desktop.Stratus.metainfo.xml"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/stratus.svg"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
        RENAME io.github.stratus_desktop.Stratus.svg)
# The user guide Help → Documentation shows (built in), also where people look for it on disk.
install(FILES "${PROJECT_SOURCE_DIR}/docs/user-guide.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

set(CPACK_PACKAGE_NAME "stratus")
set(CPACK_PACKAGE_VENDOR "Stratus")
set(CPACK_PACKAGE_CONTACT "Stratus maintainers <${STRATUS_SUPPORT_URL}>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_DEBIAN_PACKAGE_SECTION "graphics")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "gnome-keyring | kwalletmanager")
# The quick look plays video and audio through Qt Multimedia's GStreamer backend (H.264 from libav).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gstreamer1.0-plugins-good, gstreamer1.0-libav")
include(CPack)

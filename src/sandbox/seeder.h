#pragma once

#include "environmentconfig.h"

#include <QString>

namespace stratus::sandbox {

class AssetStore;

/// Fills an empty environment with `count` varied sample assets: generated images of different
/// sizes, aspect ratios, formats and colours, a few videos and raw files, folders several levels
/// deep, tags (colour names such as `red`, subjects, seasons), context, and five demo structured
/// metadata fields (Photographer, Rating, Shot on, Licence, Channels) with values. Deterministic for the
/// same count and folder mode. Originals come from a small pool of generated files shared through
/// hard links, so 100,000 assets take seconds and little disk. Needs a QGuiApplication.
///
/// Large seeds (20,000 assets or more) also put every 8th asset into one big folder, `archive/2025`
/// (12,500 of 100,000), so that benchmarks can open a folder of more than 10,000 assets; smaller
/// seeds are laid out as before.
class Seeder
{
public:
    /// Returns false with *error set on failure. Does nothing to an environment that has assets.
    static bool seed(AssetStore &store, const EnvironmentConfig &env, int count, QString *error);
};

} // namespace stratus::sandbox

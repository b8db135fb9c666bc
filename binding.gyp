# CPU-only fallback build with node-gyp (`npm run build:gyp`) for machines without CMake.
# CMakeLists.txt is the build truth: its CPU and binding source lists must equal the list
# below (test/unit/build/sourceLists.test.ts fails when they drift apart).
{
  "targets": [
    {
      "target_name": "arrowline",
      "sources": [
        "native/core/bitmap.cc",
        "native/core/column_validate.cc",
        "native/core/column_view.cc",
        "native/core/cpu_features.cc",
        "native/core/radix_sort.cc",
        "native/core/status.cc",
        "native/kernels/bench/bandwidth.cc",
        "native/kernels/csv/csv_cell.cc",
        "native/kernels/csv/csv_column_builder.cc",
        "native/kernels/csv/csv_reader.cc",
        "native/kernels/csv/csv_tokenizer.cc",
        "native/kernels/io/read_file.cc",
        "native/kernels/select/group_rows.cc",
        "native/kernels/select/row_hash.cc",
        "native/kernels/select/take.cc",
        "native/kernels/stats/column_profile.cc",
        "native/kernels/stats/feature_stats.cc",
        "native/kernels/stats/feature_summary.cc",
        "native/kernels/stats/histograms.cc",
        "native/kernels/stats/leaf_ranges.cc",
        "native/kernels/stats/moments.cc",
        "native/kernels/stats/moments_block.cc",
        "native/kernels/stats/utf8.cc",
        "native/kernels/stats/weighted_stats.cc",
        "native/kernels/validate/batch_check.cc",
        "native/sketches/farmhash.cc",
        "native/sketches/kmv.cc",
        "native/sketches/misra_gries.cc",
        "native/sketches/weighted_quantiles.cc",
        "native/binding/addon.cc",
        "native/binding/batch_import.cc",
        "native/binding/bench_binding.cc",
        "native/binding/column_import.cc",
        "native/binding/csv_binding.cc",
        "native/binding/errors.cc",
        "native/binding/exec_options.cc",
        "native/binding/histogram_js.cc",
        "native/binding/info_binding.cc",
        "native/binding/moments_binding.cc",
        "native/binding/profile_binding.cc",
        "native/binding/owned_column_js.cc",
        "native/binding/results.cc",
        "native/binding/select_binding.cc",
        "native/binding/stats_binding.cc",
        "native/binding/validate_binding.cc",
        "native/binding/weighted_binding.cc",
        "native/cuda/cuda_unavailable.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "native",
        "native/include"
      ],
      "defines": [
        "NAPI_VERSION=8",
        "ARROWLINE_VERSION=\"<!(node -p \"require('./package.json').version\")\""
      ],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++1y", "-std=gnu++14"],
      "cflags_cc": ["-std=c++17", "-O3", "-fvisibility=hidden", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17"
      }
    }
  ]
}
